package dev.tailgate.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document as a Jackson tree plus the line each node starts on, keyed by JSON pointer
 * ({@code /params/rate/1}). Jackson's tree drops locations, so the tree is built here from the
 * token stream: an error found while checking the tree can still name the line a person must
 * edit. A repeated key is malformed YAML here: the shared YAML mapper's parser detects duplicates.
 *
 * @param root  the document; missing when the text is empty
 * @param lines first line of each node, and of each mapping key for the node under it
 */
record LocatedYaml(JsonNode root, Map<String, Integer> lines) {

    LocatedYaml {
        lines = Map.copyOf(lines);
    }

    /** The line of {@code pointer}, else of its nearest ancestor that has one, else 1. */
    int line(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return lines.getOrDefault("", 1);
    }

    /** Parses one YAML document; malformed YAML or a repeated key is one bad-input line naming {@code origin}. */
    static LocatedYaml parse(String origin, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = JsonFiles.yaml().getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return new LocatedYaml(MissingNode.getInstance(), lines);
            }
            JsonNode root = node(p, "", lines);
            if (p.nextToken() != null) {
                throw new BadInputException(origin + ":" + p.currentTokenLocation().getLineNr()
                        + ": a second YAML document, expected one");
            }
            return new LocatedYaml(root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new BadInputException(origin + ":" + line + ": malformed YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadInputException(origin + ": cannot read: " + e, e);
        }
    }

    private static JsonNode node(JsonParser p, String at, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(at, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                String child = at + "/" + key.replace("~", "~0").replace("/", "~1");
                lines.put(child, line);
                p.nextToken();
                o.set(key, node(p, child, lines));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(node(p, at + "/" + a.size(), lines));
            }
            return a;
        }
        return JsonFiles.yaml().readTree(p);
    }
}
