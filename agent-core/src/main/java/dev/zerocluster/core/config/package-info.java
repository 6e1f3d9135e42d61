/**
 * Configuration: YAML files (and {@code --set key=value} overrides) read into typed, immutable
 * records, checked once when they load.
 *
 * <p>{@link dev.zerocluster.core.config.YamlDocument} reads a file with Jackson's YAML parser and
 * keeps the line of every key; {@link dev.zerocluster.core.config.ConfigSource} flattens nested
 * mappings to dotted keys ({@code links: {usb: {enabled: true}}} is {@code links.usb.enabled}) and
 * applies overrides; {@link dev.zerocluster.core.config.ConfigReader} hands typed values to each
 * capability's record and, at the end, refuses every key nobody asked for. Every problem is one
 * {@link dev.zerocluster.core.config.ConfigException} naming the file, the line and the key; the
 * command line turns it into exit code 78 ({@code EX_CONFIG} of sysexits.h).
 *
 * <p>Reads only the file it is given. Owns no keys of its own.
 */
package dev.zerocluster.core.config;
