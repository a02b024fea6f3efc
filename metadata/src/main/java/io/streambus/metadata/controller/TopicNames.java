package io.streambus.metadata.controller;

/** Kafka's topic name rules. Stateless. */
public final class TopicNames {

    public static final int MAX_NAME_LENGTH = 249;

    private TopicNames() {
    }

    /** Why the name is illegal, with Kafka's wording, or null if it is legal. */
    public static String invalidReason(String name) {
        if (name.isEmpty()) {
            return "Topic name is illegal, it can't be empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "Topic name cannot be \".\" or \"..\"";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "Topic name is illegal, it can't be longer than " + MAX_NAME_LENGTH
                    + " characters, topic name: " + name;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return "Topic name \"" + name + "\" is illegal, it contains a character other than "
                        + "ASCII alphanumerics, '.', '_' and '-'";
            }
        }
        return null;
    }

    /** Whether the name contains '.' or '_', which metric names cannot tell apart. */
    public static boolean hasCollisionChars(String name) {
        return name.indexOf('.') >= 0 || name.indexOf('_') >= 0;
    }

    /** The name with '.' mapped to '_': two different names with the same key collide. */
    public static String collisionKey(String name) {
        return name.replace('.', '_');
    }
}
