package org.apache.kafka.connect.runtime.isolation;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * Finds the plugin classes of a source by reading class files (with ClassGraph) rather than loading classes: a
 * candidate is a public concrete class that extends or implements one of the {@link PluginType} supertypes.
 * <p>
 * ClassGraph reads only public classes, and a plugin location is scanned on its own, so the hierarchy above a
 * non-public base class, or above a class the location only refers to (e.g. a built-in transformation a plugin
 * extends), is unknown to it. Such supertypes are loaded, one class each and without initialising them, to learn
 * whether they are plugin types; all other classes stay unloaded.
 */
final class ClassFileScanner {

    private static final Logger log = LoggerFactory.getLogger(ClassFileScanner.class);

    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final ExecutorService executor;
    private final int parallelism;

    /**
     * @param executor    the threads ClassGraph reads class files with, shared by all scans
     * @param parallelism how many of them one scan uses
     */
    ClassFileScanner(ExecutorService executor, int parallelism) {
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** @return the candidate plugin class names of the source, per kind */
    Map<PluginType, SortedSet<String>> scan(PluginSource source) {
        ClassGraph classGraph = new ClassGraph().enableClassInfo();
        if (source.isolated()) {
            classGraph.overrideClasspath(source.urls());
        } else {
            // The worker class path is what the worker's own loader serves; its parents hold no plugins.
            classGraph.overrideClassLoaders(source.loader()).ignoreParentClassLoaders();
        }
        try (ScanResult scan = classGraph.scan(executor, parallelism)) {
            Map<PluginType, SortedSet<String>> candidates = new EnumMap<>(PluginType.class);
            for (PluginType type : PluginType.values()) {
                SortedSet<String> names = new TreeSet<>();
                addDescendants(scan, type.superClass().getName(), names);
                candidates.put(type, names);
            }
            for (Class<?> external : externalSupertypes(scan, source.loader())) {
                for (PluginType type : PluginType.values()) {
                    if (type.superClass().isAssignableFrom(external)) {
                        addDescendants(scan, external.getName(), candidates.get(type));
                    }
                }
            }
            return candidates;
        }
    }

    private static void addDescendants(ScanResult scan, String supertype, Set<String> names) {
        ClassInfoList descendants = scan.getSubclasses(supertype).union(scan.getClassesImplementing(supertype));
        for (ClassInfo info : descendants) {
            if (isCandidate(info)) {
                names.add(info.getName());
            }
        }
    }

    private static boolean isCandidate(ClassInfo info) {
        return !info.isExternalClass() && info.isPublic() && info.isStandardClass() && !info.isAbstract();
    }

    /**
     * The classes outside the scan (or not public, which ClassGraph does not read) that candidate classes extend
     * or implement, loaded without initialising them. JDK classes and the plugin supertypes themselves are left
     * out: they cannot add plugin hierarchy.
     */
    private static Set<Class<?>> externalSupertypes(ScanResult scan, ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        for (ClassInfo info : scan.getAllClasses()) {
            if (!isCandidate(info)) {
                continue;
            }
            for (ClassInfo supertype : info.getSuperclasses().union(info.getInterfaces())) {
                if (supertype.isExternalClass() && !isJdkOrPluginType(supertype.getName())) {
                    names.add(supertype.getName());
                }
            }
        }
        Set<Class<?>> classes = new HashSet<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                log.trace("Cannot load external supertype {}; its subclasses are not plugins", name, e);
            }
        }
        return classes;
    }

    private static boolean isJdkOrPluginType(String className) {
        for (String prefix : JDK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (PluginType type : PluginType.values()) {
            if (type.superClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
