/**
 * The node's health report (SPEC §4): board identity, uptime, load, CPU, temperature, throttle
 * flags, memory, disk, links and tweaks, read under {@code system.root}.
 *
 * <p>Reads {@code /proc/device-tree/{model,serial-number}}, {@code /proc/cpuinfo},
 * {@code /proc/uptime}, {@code /proc/loadavg}, {@code /proc/meminfo}, {@code /proc/net/dev}, {@code /proc/net/route},
 * {@code /proc/net/fib_trie}, {@code /sys/devices/system/cpu/online},
 * {@code /sys/class/thermal/thermal_zone0/temp}, {@code /sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq},
 * {@code /sys/devices/platform/soc/soc:firmware/get_throttled}, {@code /sys/class/hwmon/hwmon*},
 * {@code /sys/class/net/<if>/operstate} and {@code carrier}, {@code /etc/machine-id}; runs {@code vcgencmd get_throttled} where it
 * exists. A value that cannot be read is null and logged once. Config key: {@code health.interval}.
 */
package dev.zerocluster.node.health;
