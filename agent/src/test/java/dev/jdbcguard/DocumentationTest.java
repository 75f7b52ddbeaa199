package dev.jdbcguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.core.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the user's page: short, every option in its table with the default the agent
 * really uses, and no link in it or in docs/ that leads nowhere.
 */
class DocumentationTest {

    /** The project's root: the tests run in agent/. */
    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void theReadmeIsUnder150Lines() throws IOException {
        assertThat(lines(ROOT.resolve("README.md"))).hasSizeLessThan(150);
    }

    @Test
    void everyOptionIsInTheReadmesTableWithItsDefault() throws IOException {
        String readme = new String(Files.readAllBytes(ROOT.resolve("README.md")), StandardCharsets.UTF_8);
        for (String pair : Options.defaults().toString().split(",")) {
            String key = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            assertThat(readme).as(key).contains("| `" + key + "` | `" + value + "`");
        }
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            Matcher m = LINK.matcher(new String(Files.readAllBytes(page), StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("(?i)(https?|mailto):.*")) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + " -> " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(broken).isEmpty();
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as '-'. */
    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        for (String line : lines(page)) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
