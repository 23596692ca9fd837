package org.apache.kafka.connect.runtime.isolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@code plugin.path} value into plugin locations, and a location into the URLs its class loader serves.
 * <p>
 * {@code plugin.path} is a comma-separated list. An element naming a directory contributes each of its top-level
 * entries that is a directory or a jar/zip archive as one location; an element naming an archive is a location by
 * itself. A directory location serves every archive found below it (symbolic links followed); one without archives
 * is served as a directory of {@code .class} files.
 */
final class PluginLocations {

    private static final Logger log = LoggerFactory.getLogger(PluginLocations.class);

    private PluginLocations() {
    }

    /**
     * @param pluginPath the raw {@code plugin.path} value; null or blank means no locations
     * @param workingDir the directory relative elements are resolved against
     * @return the distinct plugin locations, in the order the value lists them (sorted within a directory)
     */
    static List<Path> parse(String pluginPath, Path workingDir) {
        Set<Path> locations = new LinkedHashSet<>();
        if (pluginPath == null || pluginPath.isBlank()) {
            return List.of();
        }
        for (String rawElement : pluginPath.split(",")) {
            String element = rawElement.trim();
            if (element.isEmpty()) {
                log.warn("Ignoring an empty element of plugin.path '{}'", pluginPath);
                continue;
            }
            Path path = Path.of(element);
            if (!path.isAbsolute()) {
                path = workingDir.resolve(path).normalize();
                log.warn("Plugin path element '{}' is relative; resolving it against the working directory as '{}'",
                        element, path);
            }
            addLocationsOf(path, locations);
        }
        return List.copyOf(locations);
    }

    private static void addLocationsOf(Path element, Set<Path> locations) {
        if (!Files.exists(element)) {
            log.warn("Ignoring plugin path element '{}': it does not exist", element);
        } else if (Files.isDirectory(element)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(element)) {
                Set<Path> sorted = new TreeSet<>();
                entries.forEach(sorted::add);
                for (Path entry : sorted) {
                    if (Files.isDirectory(entry) || (isArchive(entry) && Files.isRegularFile(entry))) {
                        locations.add(entry);
                    } else {
                        log.debug("Ignoring '{}' in plugin path element '{}': not a directory, jar or zip",
                                entry.getFileName(), element);
                    }
                }
            } catch (IOException e) {
                log.error("Could not list plugin path element '{}'", element, e);
            }
        } else if (isArchive(element)) {
            locations.add(element);
        } else {
            log.warn("Ignoring plugin path element '{}': it is neither a directory nor a jar or zip archive", element);
        }
    }

    /**
     * The URLs a location's class loader serves: the location itself if it is an archive; for a directory, all
     * archives below it, or else the directory itself if {@code .class} files lie below it, or else none.
     */
    static List<URL> urls(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            return List.of(toUrl(location));
        }
        ArchiveCollector collector = new ArchiveCollector();
        Files.walkFileTree(location, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, collector);
        if (collector.archives.isEmpty()) {
            return collector.sawClassFiles ? List.of(toUrl(location)) : List.of();
        }
        if (collector.sawClassFiles) {
            log.warn("Plugin location '{}' contains both archives and class files; only the archives are used",
                    location);
        }
        List<URL> urls = new ArrayList<>();
        for (Path archive : collector.archives) {
            urls.add(toUrl(archive));
        }
        return urls;
    }

    static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException("Cannot express plugin path '" + path + "' as a URL", e);
        }
    }

    static boolean isArchive(Path path) {
        String name = fileName(path);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    static boolean isClassFile(Path path) {
        return fileName(path).endsWith(".class");
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /** Collects the archives below a directory, following links; the walker itself stops at link cycles. */
    private static final class ArchiveCollector extends SimpleFileVisitor<Path> {
        private final Set<Path> archives = new TreeSet<>();
        private boolean sawClassFiles;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
                if (isArchive(file)) {
                    archives.add(file);
                } else if (isClassFile(file)) {
                    sawClassFiles = true;
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                log.debug("Not following the symbolic link cycle at '{}'", file);
            } else {
                log.warn("Skipping unreadable plugin file '{}': {}", file, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
