package org.yimeng.volunteer.support;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads JSON bodies strictly beyond the kit's rules: a second document after the first is refused, and so are strings
 * containing NUL ({@code \u0000}): PostgreSQL cannot store it in text, so it used to surface as a
 * 500 from the insert. Refused while reading, it is a 400 MALFORMED_REQUEST naming the field, and nothing is written.
 */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // "{}{}" is not one JSON document; without this the second is silently ignored
        mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new Deserializer()));
    }

    @Override
    public int priority() {
        // after the kit's customizer, which must not replace this module
        return MINIMUM_PRIORITY;
    }

    static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (s != null && s.indexOf('\u0000') >= 0) {
                throw JsonMappingException.from(p, "NUL character in a string");
            }
            return s;
        }
    }
}
