package org.yimeng.volunteer.household;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form of an address (or a name) used to recognise the same household twice: "沂蒙路 12号 3-201" and
 * "沂蒙路１２号３—２０１" are one address. NFKC folds full-width digits and letters to half-width; whitespace,
 * punctuation and symbols are dropped; letters are lowercased.
 */
public final class AddressNormaliser {
    private AddressNormaliser() {
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(AddressNormaliser::keeps).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean keeps(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.CONTROL, Character.FORMAT -> false;
            default -> true;
        };
    }
}
