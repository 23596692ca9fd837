package org.apache.kafka.connect.runtime.isolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads the {@code META-INF/services/<plugin supertype>} manifests of a source (the standard
 * {@link java.util.ServiceLoader} provider files) and returns the class names they list, without loading them.
 * A plugin location reads only its own manifests; the class path reads every manifest its loaders see.
 */
final class ServiceManifestReader {

    private static final Logger log = LoggerFactory.getLogger(ServiceManifestReader.class);
    private static final String SERVICES_DIRECTORY = "META-INF/services/";

    /** @return the class names listed in the source's manifests, per kind */
    Map<PluginType, SortedSet<String>> read(PluginSource source) {
        Map<PluginType, SortedSet<String>> listed = new EnumMap<>(PluginType.class);
        for (PluginType type : PluginType.values()) {
            SortedSet<String> names = new TreeSet<>();
            for (URL manifest : manifests(source, SERVICES_DIRECTORY + type.superClass().getName())) {
                readManifest(manifest, names);
            }
            listed.put(type, names);
        }
        return listed;
    }

    private static Iterable<URL> manifests(PluginSource source, String resourceName) {
        try {
            Enumeration<URL> urls = source.isolated()
                    ? ((URLClassLoader) source.loader()).findResources(resourceName)
                    : source.loader().getResources(resourceName);
            return Collections.list(urls);
        } catch (IOException e) {
            log.error("Could not look up {} in {}", resourceName, source, e);
            return Collections.emptyList();
        }
    }

    private static void readManifest(URL manifest, SortedSet<String> names) {
        try {
            URLConnection connection = manifest.openConnection();
            // Without this, reading a resource inside a jar keeps the jar open for the life of the JVM.
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            log.error("Could not read the service manifest {}", manifest, e);
        }
    }
}
