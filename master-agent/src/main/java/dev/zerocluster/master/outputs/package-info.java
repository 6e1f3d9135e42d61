/**
 * Files other tools read: the MPI machinefile and the hosts table. Config keys:
 * {@code mpi.machinefile}, {@code mpi.include-master}, {@code hosts.file}.
 */
package dev.zerocluster.master.outputs;
