/**
 * {@code zc-master run}: the master daemon. Starts the embedded broker (or uses the external one),
 * connects to it as the master's user, keeps the registry from the nodes' status and health,
 * republishes {@code <base>/cluster}, announces itself on {@code <base>/master/status} and serves
 * HTTP. Reads the join token file and {@code <state.dir>/master-secret}.
 */
package dev.zerocluster.master.daemon;
