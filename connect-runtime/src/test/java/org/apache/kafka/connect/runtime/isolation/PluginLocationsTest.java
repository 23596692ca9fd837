package org.apache.kafka.connect.runtime.isolation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginLocationsTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.write(path, new byte[]{1});
    }

    private Path directory(String relative) throws IOException {
        return Files.createDirectories(dir.resolve(relative));
    }

    private static List<URL> urls(Path... paths) {
        return List.of(paths).stream().map(PluginLocations::toUrl).toList();
    }

    @Test
    void eachTopLevelDirectoryOrArchiveOfAListedDirectoryIsALocation() throws IOException {
        Path plugins = directory("plugins");
        Path jar = file("plugins/single.jar");
        Path zip = file("plugins/bundle.ZIP");
        Path nested = directory("plugins/nested");
        file("plugins/nested/lib/dep.jar");
        Path empty = directory("plugins/empty");
        file("plugins/readme.txt");
        file("plugins/Stray.class");
        Files.createSymbolicLink(plugins.resolve("dangling.jar"), dir.resolve("missing.jar"));

        assertEquals(List.of(zip, empty, nested, jar), PluginLocations.parse(plugins.toString(), dir));
    }

    @Test
    void anArchiveMayBeListedDirectlyAndDuplicatesCountOnce() throws IOException {
        Path jar = file("elsewhere/direct.jar");
        Path plugins = directory("plugins");
        Path inner = directory("plugins/inner");
        file("plugins/inner/a.jar");
        String pluginPath = " " + jar + " , " + plugins + "," + plugins + ",," + dir.resolve("missing")
                + "," + file("not-a-plugin.txt");
        assertEquals(List.of(jar, inner), PluginLocations.parse(pluginPath, dir));
    }

    @Test
    void relativeElementsResolveAgainstTheWorkingDirectory() throws IOException {
        Path inner = directory("work/plugins/inner");
        file("work/plugins/inner/a.jar");
        assertEquals(List.of(inner), PluginLocations.parse("plugins", dir.resolve("work")));
        assertEquals(List.of(), PluginLocations.parse(null, dir));
        assertEquals(List.of(), PluginLocations.parse("  ", dir));
    }

    @Test
    void aDirectoryLocationServesEveryArchiveBelowIt() throws IOException {
        Path location = directory("plugin");
        Path a = file("plugin/a.jar");
        Path b = file("plugin/lib/deep/b.JAR");
        Path c = file("plugin/lib/c.zip");
        file("plugin/lib/notes.txt");
        file("plugin/classes/com/example/Ignored.class");
        assertEquals(urls(a, c, b), PluginLocations.urls(location), "sorted by path");
    }

    @Test
    void symbolicLinksAreFollowedWithoutLooping() throws IOException {
        Path shared = directory("shared");
        file("shared/dep.jar");
        Path location = directory("plugin");
        Files.createSymbolicLink(location.resolve("linked"), shared);
        Files.createSymbolicLink(shared.resolve("loop"), location);
        List<URL> urls = PluginLocations.urls(location);
        assertEquals(urls(location.resolve("linked").resolve("dep.jar")), urls);
    }

    @Test
    void aDirectoryWithoutArchivesServesItsClassFiles() throws IOException {
        Path classes = directory("classes");
        file("classes/com/example/Plugin.class");
        assertEquals(urls(classes), PluginLocations.urls(classes));
        assertEquals(List.of(), PluginLocations.urls(directory("nothing-here")));
        Path jar = file("single.jar");
        assertEquals(urls(jar), PluginLocations.urls(jar));
    }

    @Test
    void recognisesArchivesAndClassFilesIgnoringCase() {
        assertTrue(PluginLocations.isArchive(Path.of("x.jar")));
        assertTrue(PluginLocations.isArchive(Path.of("x.Zip")));
        assertFalse(PluginLocations.isArchive(Path.of("x.war")));
        assertTrue(PluginLocations.isClassFile(Path.of("X.CLASS")));
        assertFalse(PluginLocations.isClassFile(Path.of("x.jar")));
    }
}
