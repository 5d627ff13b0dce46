package vn.kyso.commons.security;

import java.util.regex.Pattern;

/**
 * Text shown to a person who decides on it (a name, what a signature request is for, a file name): control characters,
 * bidirectional overrides and other invisible formatting can make it read as something it is not ({@code …\u202Egpj.exe}
 * shows as {@code …exe.jpg}), so such text is refused where it enters.
 */
public final class DisplayText {

    private static final Pattern DECEPTIVE = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");

    private DisplayText() {
    }

    /** True when the text holds a control, format (bidi, zero-width) or line/paragraph separator character. */
    public static boolean deceptive(String text) {
        return text != null && DECEPTIVE.matcher(text).find();
    }

    /**
     * A file name as shown: its last path segment, without control characters, trimmed, at most 200 characters;
     * {@code fallback} when nothing is left.
     */
    public static String fileName(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String base = name.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        return base.isEmpty() ? fallback : base.length() > 200 ? base.substring(0, 200) : base;
    }

    /** The reason given to the caller. */
    public static final String REASON = "must not contain control, invisible or bidirectional formatting characters";
}
