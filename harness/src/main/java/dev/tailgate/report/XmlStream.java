package dev.tailgate.report;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The one XML writer of the reports: the JDK's streaming writer, which escapes markup, behind a
 * filter for what it lets through unchanged although XML 1.0 forbids it anywhere in a document
 * (control characters other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF). A
 * benchmark name or a reason holding one would otherwise make a junit.xml that CI cannot read.
 */
final class XmlStream {
    private final StringWriter buffer = new StringWriter();
    private final XMLStreamWriter x;

    /** Starts a UTF-8 XML 1.0 document. */
    XmlStream() {
        try {
            x = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            x.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlStream start(String element) {
        try {
            x.writeStartElement(element);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    /** An element without content, written as {@code <element/>}; its attributes follow. */
    XmlStream empty(String element) {
        try {
            x.writeEmptyElement(element);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    XmlStream attribute(String name, String value) {
        try {
            x.writeAttribute(name, legal(value));
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    XmlStream text(String text) {
        try {
            x.writeCharacters(legal(text));
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    XmlStream end() {
        try {
            x.writeEndElement();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    /** Closes every open element and returns the document, without a final newline. */
    String finish() {
        try {
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return buffer.toString();
    }

    /**
     * {@code s} with every character XML 1.0 forbids written as the text {@code \\uXXXX}. Not a
     * character reference: XML 1.0 forbids {@code &#1;} as well. Not U+FFFD either: the escape
     * keeps two names that differ only in such a character apart, and says which one it was.
     */
    static String legal(String s) {
        int i = 0;
        while (i < s.length() && allowed(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (allowed(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", cp));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** XML 1.0's Char production; a lone surrogate arrives here as a code point in D800..DFFF. */
    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** The writer only fails on misuse (an attribute after content): a defect, not bad input. */
    private static IllegalStateException failed(XMLStreamException e) {
        return new IllegalStateException("writing XML: " + e.getMessage(), e);
    }
}
