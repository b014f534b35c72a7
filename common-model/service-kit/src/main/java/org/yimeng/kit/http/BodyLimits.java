package org.yimeng.kit.http;

import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How large a request body may be: {@code kit.http.max-body} (1 MB) for every path, unless the path has its own
 * {@code kit.http.max-body-path."/api/v1/imports"=25M}. Enforced by {@link BodyLimit}.
 */
@ConfigMapping(prefix = "kit.http")
public interface BodyLimits {

    /** The limit of every path without an override. */
    @WithDefault("1M")
    MemorySize maxBody();

    /**
     * Per exact path (no query, a trailing slash ignored): a larger limit for uploads the resource reads as a stream.
     */
    @WithName("max-body-path")
    Map<String, MemorySize> maxBodyPath();
}
