package org.yimeng.deploy.kubernetes;

/** A manifest or kustomization that cannot be read or rendered. */
public class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
