package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The official golden-vector suite (shared/vectors, see FORMAT.md there): one container per {@code *.jsonl}
 * file, one test per case, named by the case id. Every case runs; none is skipped.
 * <p>
 * The folder comes from the system property {@value #VECTORS_DIR_PROPERTY} (set by Surefire); without it, the
 * nearest {@code shared/vectors} found walking up from the working directory is used.
 * The JVM must run with {@code -Duser.timezone=UTC -Duser.language=en -Duser.country=US}.
 */
class ConformanceVectorsTest {

    static final String VECTORS_DIR_PROPERTY = "connect.vectors.dir";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> goldenVectors() throws IOException {
        List<Path> files = vectorFiles(vectorsDirectory());
        assertFalse(files.isEmpty(), "No *.jsonl vector files in " + vectorsDirectory());
        List<DynamicNode> containers = new ArrayList<>();
        for (Path file : files) {
            containers.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(),
                    casesOf(file).stream().map(ConformanceVectorsTest::testOf)));
        }
        return containers.stream();
    }

    private static DynamicTest testOf(VectorCase vectorCase) {
        return DynamicTest.dynamicTest(vectorCase.id(), () -> run(vectorCase));
    }

    private static void run(VectorCase vectorCase) throws Exception {
        CaseRunner runner = CaseRunner.forKind(vectorCase.kind());
        ObjectNode result = null;
        Phase.Failure failure = null;
        try {
            result = runner.run(vectorCase);
        } catch (Phase.Failure thrown) {
            failure = thrown;
        }
        OutcomeComparator.assertMatches(vectorCase.expected(), result, failure);
    }

    private static List<VectorCase> casesOf(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(ConformanceVectorsTest::parse).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read vector file " + file, e);
        }
    }

    private static VectorCase parse(String line) {
        try {
            JsonNode json = MAPPER.readTree(line);
            return VectorCase.fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Malformed vector line: " + line, e);
        }
    }

    private static List<Path> vectorFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The configured vectors folder, else the nearest {@code shared/vectors} above the working directory. */
    static Path vectorsDirectory() {
        String configured = System.getProperty(VECTORS_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path directory = Paths.get(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException("System property " + VECTORS_DIR_PROPERTY + " names "
                        + directory + ", which is not a directory");
            }
            return directory;
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Golden vectors not found: set -D" + VECTORS_DIR_PROPERTY
                + " or run from below a directory that contains shared/vectors (searched upwards from " + start + ")");
    }
}
