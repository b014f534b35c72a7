package org.yimeng.kit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The kit's shipped defaults ({@code META-INF/microprofile-config.properties}) under a service's own overrides. */
public final class KitConfig {
    private KitConfig() {
    }

    public static Config with(Map<String, String> overrides) {
        try {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(
                            KitConfig.class.getResource("/META-INF/microprofile-config.properties"), 100))
                    .withSources(new PropertiesConfigSource(overrides, "service", 250)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
