package com.llmlogprocessor.local.replay;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Finds the files to replay under a {@code --replay} path. */
public final class ReplayFiles {
    private ReplayFiles() {
    }

    /** A file that could not be used, and why. */
    public record Skipped(Path path, String reason) {
    }

    public record Found(List<Path> files, List<Skipped> skipped) {
    }

    /** Whether a file inside a replayed folder is taken: {@code *.json} (incl. {@code PT1H.json}), {@code *.jsonl}, {@code *.ndjson}. */
    public static boolean isReplayable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /**
     * A file as given (whatever its name); a folder walked recursively for replayable files,
     * sorted by path so that a replay is deterministic. Unreadable entries are reported, not fatal.
     */
    public static Found discover(Path root) {
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (!Files.exists(root)) {
            skipped.add(new Skipped(root, "no such file or folder"));
        } else if (!Files.isDirectory(root)) {
            if (Files.isReadable(root)) {
                files.add(root);
            } else {
                skipped.add(new Skipped(root, "not readable"));
            }
        } else {
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                if (attrs.isRegularFile() && isReplayable(file)) {
                                    if (Files.isReadable(file)) {
                                        files.add(file);
                                    } else {
                                        skipped.add(new Skipped(file, "not readable"));
                                    }
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                skipped.add(new Skipped(file, e.getClass().getSimpleName() + ": " + e.getMessage()));
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                skipped.add(new Skipped(root, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            files.sort(null);
        }
        return new Found(files, skipped);
    }
}
