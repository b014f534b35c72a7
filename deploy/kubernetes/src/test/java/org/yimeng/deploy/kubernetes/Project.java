package org.yimeng.deploy.kubernetes;

import java.nio.file.Path;

/** Where the manifests and the rest of the repository are, as Surefire passes them (or from the working dir). */
final class Project {
    static final Path MANIFESTS = Path.of(System.getProperty("manifests.dir", ".")).toAbsolutePath().normalize();
    static final Path ROOT = Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    static final Path OVERLAYS = MANIFESTS.resolve("overlays");
    static final Path BROKEN = MANIFESTS.resolve("src/test/resources/broken");

    private Project() {
    }

    static PlatformRules.Context context(Path overlay) {
        return ManifestCheck.context(ROOT, ManifestCheck.isProduction(overlay));
    }
}
