package dev.zerocluster.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link ConfigNode}s that remember their line. Jackson's tree model forgets
 * locations, so this walks the token stream instead.
 */
public final class YamlDocument {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** A config file is a few kilobytes; anything far larger is a wrong path, not a config. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private YamlDocument() {
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    public static ConfigNode.Mapping readFile(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException("configuration file " + source + " is a directory");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException("configuration file " + source + " is larger than 1 MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + source + " does not exist");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException("configuration file " + source + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + source + ": " + e.getMessage(), e);
        }
        ConfigNode root = parse(new StringReader(text), source, -1);
        if (root == null || (root instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Kind.NULL)) {
            return new ConfigNode.Mapping(Map.of(), new Origin(source, 1));
        }
        if (root instanceof ConfigNode.Mapping m) {
            return m;
        }
        throw new ConfigException(root.origin().describe() + ": the file must be a mapping of keys to values, found "
                + root.describeType());
    }

    /** One value given on the command line, read as YAML so that {@code false} and {@code [a, b]} work. */
    public static ConfigNode readValue(String text, Origin origin) {
        ConfigNode node = parse(new StringReader(text), origin.source(), origin.line());
        if (node == null) {
            return new ConfigNode.Scalar("", ConfigNode.Kind.NULL, origin);
        }
        return node;
    }

    /** {@code fixedLine} ≥ 0 places every node there (a --set value); -1 uses the parser's lines. */
    private static ConfigNode parse(Reader reader, String source, int fixedLine) {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            ConfigNode node = readNode(parser, source, fixedLine);
            if (parser.nextToken() != null) {
                throw new ConfigException(origin(parser, source, fixedLine).describe()
                        + ": more than one YAML document; a configuration is one");
            }
            return node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(new Origin(source, fixedLine >= 0 ? fixedLine : line).describe()
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static Origin origin(JsonParser parser, String source, int fixedLine) {
        return new Origin(source, fixedLine >= 0 ? fixedLine : parser.currentTokenLocation().getLineNr());
    }

    private static ConfigNode readNode(JsonParser parser, String source, int fixedLine) throws IOException {
        JsonToken token = parser.currentToken();
        Origin at = origin(parser, source, fixedLine);
        switch (token) {
            case START_OBJECT: {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Origin keyAt = origin(parser, source, fixedLine);
                    if (entries.containsKey(key)) {
                        throw new ConfigException(keyAt.describe() + ": key '" + key + "' appears twice");
                    }
                    parser.nextToken();
                    ConfigNode value = readNode(parser, source, fixedLine);
                    entries.put(key, withOrigin(value, keyAt));
                }
                return new ConfigNode.Mapping(entries, at);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readNode(parser, source, fixedLine));
                }
                return new ConfigNode.Sequence(items, at);
            }
            case VALUE_STRING:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Kind.STRING, at);
            case VALUE_NUMBER_INT:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Kind.INTEGER, at);
            case VALUE_NUMBER_FLOAT:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Kind.DECIMAL, at);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Kind.BOOLEAN, at);
            case VALUE_NULL:
                return new ConfigNode.Scalar("", ConfigNode.Kind.NULL, at);
            default:
                throw new ConfigException(at.describe() + ": unsupported YAML content (" + token + ")");
        }
    }

    /** A mapping's value is reported at its key's line, which is what a user looks for. */
    private static ConfigNode withOrigin(ConfigNode node, Origin origin) {
        if (node instanceof ConfigNode.Scalar s) {
            return new ConfigNode.Scalar(s.text(), s.kind(), origin);
        }
        if (node instanceof ConfigNode.Sequence q) {
            return new ConfigNode.Sequence(q.items(), origin);
        }
        ConfigNode.Mapping m = (ConfigNode.Mapping) node;
        return new ConfigNode.Mapping(m.entries(), origin);
    }
}
