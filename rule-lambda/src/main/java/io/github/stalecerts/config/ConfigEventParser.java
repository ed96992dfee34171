package io.github.stalecerts.config;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Gson;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses Config's Lambda event: the outer {@link ConfigEvent}, its {@code invokingEvent} JSON
 * string and its {@code ruleParameters} JSON string. Anything this rule does not handle is
 * rejected with a message naming the field, never treated as "nothing to do".
 */
public final class ConfigEventParser {

    static final String SCHEDULED = "ScheduledNotification";
    static final String CHANGE = "ConfigurationItemChangeNotification";
    static final String OVERSIZED_CHANGE = "OversizedConfigurationItemChangeNotification";
    private static final Set<String> DELETED = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");
    /** The account's configuration recorder does not record IAM users: Config holds nothing to judge. */
    private static final String NOT_RECORDED = "ResourceNotRecorded";

    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    private ConfigEventParser() {
    }

    public static Invocation parse(ConfigEvent event) {
        if (event == null) {
            throw new InvalidEventException("the Lambda event is empty; expected a Config rule event");
        }
        String resultToken = requireText(event.getResultToken(), "resultToken");
        RuleParameters parameters = parameters(event.getRuleParameters());
        JsonObject invoking = object(event.getInvokingEvent(), "invokingEvent");
        String messageType = string(invoking, "messageType", "invokingEvent");
        Trigger trigger = switch (messageType) {
            case SCHEDULED -> new Trigger.Periodic(time(invoking, "notificationCreationTime", "invokingEvent"));
            case CHANGE -> change(child(invoking, "configurationItem"), "configurationItem", event.getEventLeftScope());
            case OVERSIZED_CHANGE -> change(child(invoking, "configurationItemSummary"), "configurationItemSummary",
                    event.getEventLeftScope());
            default -> throw new InvalidEventException("unsupported messageType '" + Echo.of(messageType)
                    + "'; this rule handles " + SCHEDULED + ", " + CHANGE + " and " + OVERSIZED_CHANGE);
        };
        return new Invocation(trigger, parameters, resultToken, event.getConfigRuleName(), event.getAccountId());
    }

    private static Trigger change(JsonObject item, String where, boolean leftScope) {
        String resourceType = string(item, "resourceType", where);
        String resourceId = string(item, "resourceId", where);
        String resourceName = item.has("resourceName") && item.get("resourceName").isJsonPrimitive()
                ? item.get("resourceName").getAsString() : null;
        Instant captured = time(item, "configurationItemCaptureTime", where);
        String status = string(item, "configurationItemStatus", where);
        boolean user = PrincipalKind.USER.resourceType().equals(resourceType);
        if (leftScope && (user || PrincipalKind.ROOT_ACCOUNT.resourceType().equals(resourceType))) {
            return new Trigger.NotApplicable(resourceType, resourceId, resourceName, "left the rule's scope", captured);
        }
        if (!user) {
            throw new InvalidEventException("unsupported resourceType '" + Echo.of(resourceType) + "' in " + where
                    + "; this rule's scope is " + PrincipalKind.USER.resourceType());
        }
        if (DELETED.contains(status)) {
            return new Trigger.NotApplicable(resourceType, resourceId, resourceName, "user was deleted", captured);
        }
        if (NOT_RECORDED.equals(status)) {
            return new Trigger.NotApplicable(resourceType, resourceId, resourceName,
                    "not recorded by this account's configuration recorder", captured);
        }
        if (resourceName == null || resourceName.isBlank()) {
            throw new InvalidEventException(where + ".resourceName is missing; it is needed to read the user");
        }
        return new Trigger.UserChanged(resourceId, resourceName, captured);
    }

    /** Parses a rule's parameters JSON (the event's {@code ruleParameters}, or a rule's InputParameters). */
    public static RuleParameters parameters(String json) {
        return RuleParameters.parse(ruleParameters(json));
    }

    /**
     * The parameters as names and string values, read token by token: a JSON object may repeat a
     * name, and a repeated parameter is rejected rather than silently taking its last value.
     */
    private static Map<String, String> ruleParameters(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        Set<String> names = new HashSet<>();
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new InvalidEventException("ruleParameters is not a JSON object");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (!names.add(name)) {
                    throw new InvalidEventException("ruleParameters names " + Echo.of(name)
                            + " more than once; give each parameter once");
                }
                switch (reader.peek()) {
                    case NULL -> reader.nextNull();
                    case STRING, NUMBER -> values.put(name, reader.nextString());
                    case BOOLEAN -> values.put(name, Boolean.toString(reader.nextBoolean()));
                    default -> throw new InvalidEventException("ruleParameters." + Echo.of(name) + " must be a string");
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidEventException("ruleParameters has data after its JSON value");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports malformed JSON as an IOException (MalformedJsonException) or IllegalStateException.
            throw new InvalidEventException("ruleParameters is not valid JSON", e);
        }
        return values;
    }

    private static JsonObject object(String json, String field) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException(field + " is missing from the Config event");
        }
        try {
            // Strict JSON: Gson's JsonParser would also take {a:1} or trailing garbage.
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JSON.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidEventException(field + " has data after its JSON value");
            }
            if (!element.isJsonObject()) {
                throw new InvalidEventException(field + " is not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException | IOException e) {
            throw new InvalidEventException(field + " is not valid JSON", e);
        }
    }

    private static JsonObject child(JsonObject parent, String field) {
        JsonElement element = parent.get(field);
        if (element == null || !element.isJsonObject()) {
            throw new InvalidEventException("invokingEvent." + field + " is missing or not an object");
        }
        return element.getAsJsonObject();
    }

    private static String string(JsonObject object, String field, String where) {
        JsonElement element = object.get(field);
        if (element == null || !element.isJsonPrimitive() || element.getAsString().isBlank()) {
            throw new InvalidEventException(where + "." + field + " is missing or not a string");
        }
        return element.getAsString();
    }

    private static Instant time(JsonObject object, String field, String where) {
        String value = string(object, field, where);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(where + "." + field + " is not an ISO-8601 time: '" + Echo.of(value) + "'");
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is missing from the Config event");
        }
        return value;
    }

}
