package io.streambus.bench.compare;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads a program's files once, so that the process about to start finds them in the page cache. */
final class ProgramFiles {

    private ProgramFiles() {
    }

    /** The entries of a class path, as files. */
    static List<Path> ofClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(e -> !e.isBlank()).map(Path::of).toList();
    }

    /** Reads every regular file in {@code files} to its end; a directory or a missing entry is skipped. */
    static void readIntoPageCache(List<Path> files) throws IOException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
