package org.yimeng.kit.i18n;

import java.util.Locale;

import jakarta.inject.Singleton;

import org.hibernate.validator.spi.messageinterpolation.LocaleResolver;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolverContext;

/**
 * Bean Validation messages in the request's {@link Language}, so that {@code violations[].message} matches the
 * problem's title (Hibernate Validator ships Chinese messages; the project's own are in the kit's
 * {@code ValidationMessages*.properties}). Outside a request: the deployment default.
 */
@Singleton
public class KitLocaleResolver implements LocaleResolver {
    @Override
    public Locale resolve(LocaleResolverContext context) {
        return Language.ofRequest();
    }
}
