package org.yimeng.deploy.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML lint the manifests must pass, written here because no linter installs from Maven Central: the rules
 * of yamllint that catch real mistakes in Kubernetes YAML. Syntax errors and duplicate keys (the second value
 * would silently win in some tools), tabs, trailing spaces, CR line endings, a missing final newline, lines over
 * 120 characters, odd indentation, document end markers, unquoted yes/no/on/off, which YAML 1.1 tools read
 * as booleans and YAML 1.2 tools as strings, and more-indented lines in folded (&gt;) scalars, which Go YAML
 * (kubectl) and SnakeYAML fold differently.
 */
public final class YamlLint {
    static final int MAX_LINE = 120;
    private static final Pattern AMBIGUOUS_BOOLEAN =
            Pattern.compile("(:|^\\s*-)\\s+(?i:yes|no|on|off|y|n)\\s*(#.*)?$");
    private static final Pattern BLOCK_SCALAR = Pattern.compile("(?:^|:|^\\s*-)\\s*([|>])[-+0-9]*\\s*$");
    private static final Pattern CAPITALISED_BOOLEAN = Pattern.compile("(:|^\\s*-)\\s+(True|False|TRUE|FALSE)\\s*(#.*)?$");

    private YamlLint() {
    }

    /** Problems in one YAML text, each as "source:line: message". */
    public static List<String> lint(String text, String source) {
        List<String> problems = new ArrayList<>();
        if (text.contains("\r")) {
            problems.add(source + ": CR line endings; use LF");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            problems.add(source + ": no newline at end of file");
        }
        if (text.endsWith("\n\n")) {
            problems.add(source + ": blank lines at end of file");
        }
        String[] lines = text.split("\n", -1);
        boolean inBlockScalar = false;
        boolean folded = false;
        int blockIndent = 0;
        int contentIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            String where = source + ":" + (i + 1) + ": ";
            int indent = indentOf(line);
            checkWhitespace(line, where, problems);
            if (line.length() > MAX_LINE) {
                problems.add(where + "line longer than " + MAX_LINE + " characters");
            }
            if (inBlockScalar && (line.isBlank() || indent > blockIndent)) {
                if (!line.isBlank() && contentIndent < 0) {
                    contentIndent = indent;
                } else if (folded && !line.isBlank() && indent > contentIndent) {
                    problems.add(where + "more-indented line in a folded scalar; parsers disagree on it, use |");
                }
                continue;
            }
            inBlockScalar = false;
            if (!line.isBlank() && indent % 2 != 0 && !line.trim().startsWith("#")) {
                problems.add(where + "indentation of " + indent + " spaces; use multiples of 2");
            }
            if (line.equals("...")) {
                problems.add(where + "document end marker '...'");
            }
            String code = stripComment(line);
            if (AMBIGUOUS_BOOLEAN.matcher(code).find() || CAPITALISED_BOOLEAN.matcher(code).find()) {
                problems.add(where + "ambiguous boolean '" + code.trim() + "'; write true/false or quote the string");
            }
            Matcher block = BLOCK_SCALAR.matcher(code);
            if (block.find()) {
                inBlockScalar = true;
                folded = block.group(1).equals(">");
                blockIndent = indent;
                contentIndent = -1;
            }
        }
        if (problems.isEmpty()) {
            try {
                Yaml.readDocuments(text, source);
            } catch (ManifestException e) {
                problems.add(e.getMessage().replace('\n', ' '));
            }
        }
        return problems;
    }

    private static void checkWhitespace(String line, String where, List<String> problems) {
        if (line.indexOf('\t') >= 0) {
            problems.add(where + "tab character");
        }
        if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
            problems.add(where + "trailing whitespace");
        }
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** The line without a trailing comment; quotes are respected so '#' inside strings is kept. */
    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line;
    }
}
