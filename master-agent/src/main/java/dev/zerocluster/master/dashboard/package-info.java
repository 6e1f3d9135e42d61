/**
 * The HTTP side of the master: {@code /api/nodes}, {@code /metrics}, the live dashboard and
 * {@code /events}. Config keys: {@code http.port}, {@code http.bind}.
 */
package dev.zerocluster.master.dashboard;
