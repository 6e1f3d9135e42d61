/**
 * The values that cross a process boundary: node ids, addresses, interface names, and the JSON
 * documents of SPEC §4 (the health report and its parts), with the one Jackson mapper that writes
 * and reads them.
 *
 * <p>Every type here validates on construction, so code that holds one never re-checks it. Touches
 * no files, runs no commands, owns no configuration keys.
 */
package dev.zerocluster.core.model;
