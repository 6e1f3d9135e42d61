/**
 * The MQTT load generator: thousands of simulated nodes, one TCP connection each, in one process,
 * for the master-ingest benchmark ({@code testbed/bench/master-ingest.sh}). It is a client only: a
 * minimal MQTT 3.1.1 client on NIO (CONNECT with clean session and user/password, QoS 1 PUBLISH,
 * PUBACK, PINGREQ) so that a connection costs a socket and a few hundred bytes, not the threads and
 * buffers a Paho client brings. It reads the join token file it is given and connects to the
 * broker address it is given; it touches nothing else.
 */
package dev.zerocluster.testbed.loadgen;
