package com.llmlogprocessor.classify;

import java.util.Map;

/** The arithmetic validators that turn a digit-shaped candidate into a finding. */
final class Checksums {

    /** IBAN length per country (ISO 13616 registry); a country not listed is checked for 15..34 only. */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
            Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21),
            Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27),
            Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18),
            Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31),
            Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PK", 24),
            Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31),
            Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24),
            Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24),
            Map.entry("XK", 20));

    private Checksums() {
    }

    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether a card number's issuer prefix and length belong to a real scheme (Visa, Mastercard,
     * Amex, Discover, Diners, JCB, UnionPay, Maestro), so that a Luhn-valid order id is not a card.
     */
    static boolean plausibleCard(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19;                       // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return n == 16;                                             // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return n == 15;                                             // Amex
        }
        if (p4 == 6011 || p2 == 65 || (p4 >= 6440 && p4 <= 6499)) {
            return n >= 16 && n <= 19;                                  // Discover
        }
        if (p2 == 36 || p2 == 38 || p2 == 39 || (p4 >= 3000 && p4 <= 3059) || p4 == 3095) {
            return n >= 14 && n <= 19;                                  // Diners
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return n >= 16 && n <= 19;                                  // JCB
        }
        if (p2 == 62) {
            return n >= 16 && n <= 19;                                  // UnionPay
        }
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
            return n >= 12 && n <= 19;                                  // Maestro
        }
        return false;
    }

    /** ISO 7064 mod 97-10 over an IBAN without spaces (upper case). */
    static boolean ibanMod97(String iban) {
        String r = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c >= '0' && c <= '9') {
                mod = (mod * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                mod = (mod * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return mod == 1;
    }

    /**
     * US SSN {@code AAA-GG-SSSS}: area 000, 666 and 900-999, group 00 and serial 0000 were never
     * issued; 078-05-1120 and 123-45-6789 are famous specimen numbers, not anyone's.
     */
    static boolean ssn(String s) {
        int area = Integer.parseInt(s.substring(0, 3));
        int group = Integer.parseInt(s.substring(4, 6));
        int serial = Integer.parseInt(s.substring(7, 11));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return !s.equals("078-05-1120") && !s.equals("123-45-6789");
    }
}
