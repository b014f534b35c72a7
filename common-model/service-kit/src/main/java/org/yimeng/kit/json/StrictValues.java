package org.yimeng.kit.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * String and enum values the services cannot take, refused while the body is read (400 MALFORMED_REQUEST naming the
 * field, nothing written):
 * <ul>
 * <li>strings containing NUL ({@code \u0000}): PostgreSQL cannot store it in text, so a name with one surfaced as a
 * 500 from the insert;</li>
 * <li>enum names with surrounding white space or control characters: Jackson trims before looking the name up, so
 * {@code "CASH\u0000"} was recorded as CASH.</li>
 * </ul>
 */
final class StrictValues {
    private StrictValues() {
    }

    static Module module() {
        return new SimpleModule("kit-strict-values").addDeserializer(String.class, new NoNulString())
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                            BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                        return new ExactEnum(deserializer, type.getRawClass());
                    }
                });
    }

    static final class NoNulString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (s != null && s.indexOf('\u0000') >= 0) {
                throw JsonMappingException.from(p, "NUL character in a string");
            }
            return s;
        }
    }

    /** Refuses an enum name that is not exactly one of the constants before the usual (trimming) look-up runs. */
    static final class ExactEnum extends JsonDeserializer<Object> implements ContextualDeserializer, ResolvableDeserializer {
        private final JsonDeserializer<?> delegate;
        private final Class<?> type;

        ExactEnum(JsonDeserializer<?> delegate, Class<?> type) {
            this.delegate = delegate;
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String s = p.getText();
                if (!s.equals(s.strip()) || s.chars().anyMatch(Character::isISOControl)) {
                    throw ctxt.weirdStringException(s, type, "not one of the values accepted");
                }
            }
            return delegate.deserialize(p, ctxt);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            if (delegate instanceof ContextualDeserializer c) {
                JsonDeserializer<?> d = c.createContextual(ctxt, property);
                return d == delegate ? this : new ExactEnum(d, type);
            }
            return this;
        }

        @Override
        public void resolve(DeserializationContext ctxt) throws JsonMappingException {
            if (delegate instanceof ResolvableDeserializer r) {
                r.resolve(ctxt);
            }
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return delegate.getNullValue(ctxt);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }
}
