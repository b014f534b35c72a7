package org.yimeng.deploy.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every YAML file of the module is lint-clean, and the lint catches each mistake it is meant to. */
class YamlLintTest {

    @Test
    void everyYamlFileIsClean() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Project.MANIFESTS)) {
            files = walk.filter(p -> p.toString().matches(".*\\.ya?ml$"))
                    .filter(p -> !Project.MANIFESTS.relativize(p).startsWith("target")).sorted().toList();
        }
        for (Path file : files) {
            problems.addAll(YamlLint.lint(Files.readString(file), Project.MANIFESTS.relativize(file).toString()));
        }
        assertTrue(files.size() > 20, "found only " + files.size() + " YAML files");
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tab                | 'a:\\n\\tb: 1\\n'                  | x.yaml:2: tab character",
            "trailing space     | 'a: 1 \\n'                         | x.yaml:1: trailing whitespace",
            "duplicate key      | 'a: 1\\nb: 2\\na: 3\\n'            | Duplicate field 'a'",
            "yes as a boolean   | 'enabled: yes\\n'                  | x.yaml:1: ambiguous boolean 'enabled: yes'",
            "on in a list       | 'modes:\\n  - on\\n'               | x.yaml:2: ambiguous boolean '- on'",
            "odd indentation    | 'a:\\n   b: 1\\n'                  | x.yaml:2: indentation of 3 spaces",
            "CRLF               | 'a: 1\\r\\n'                       | x.yaml: CR line endings",
            "no final newline   | 'a: 1'                             | x.yaml: no newline at end of file",
            "document end       | 'a: 1\\n...\\n'                    | x.yaml:2: document end marker",
            "syntax error       | 'a: [1, 2\\n'                      | x.yaml:",
            "folded more-indent | 'e: >-\\n  a{\\n    b}\\n'        | x.yaml:3: more-indented line in a folded scalar"})
    void lintRejects(String name, String text, String expected) {
        String yaml = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        List<String> problems = YamlLint.lint(yaml, "x.yaml");
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), name + ": " + problems);
    }

    @Test
    void longLinesAreRejected() {
        List<String> problems = YamlLint.lint("a: " + "x".repeat(YamlLint.MAX_LINE) + "\n", "x.yaml");
        assertTrue(problems.contains("x.yaml:1: line longer than 120 characters"), problems.toString());
    }

    @Test
    void quotedWordsBlockScalarsAndCommentsAreFine() {
        String yaml = "a: \"yes\"\nb: 'on'\nc: true # yes\nscript: |-\n  - op: replace\n     odd: on\nd: 1\n";
        assertEquals(List.of(), YamlLint.lint(yaml, "x.yaml"));
    }
}
