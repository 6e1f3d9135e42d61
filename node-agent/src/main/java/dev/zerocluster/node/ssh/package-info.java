/**
 * The master's SSH key on the node: taken from the retained {@code <base>/master/ssh-key} and added
 * once to {@code ~<ssh.user>/.ssh/authorized_keys} (home directory, uid and gid from
 * {@code /etc/passwd} under {@code system.root}). Config key: {@code ssh.user}.
 */
package dev.zerocluster.node.ssh;
