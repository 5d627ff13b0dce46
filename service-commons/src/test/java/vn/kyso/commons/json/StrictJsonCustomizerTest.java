package vn.kyso.commons.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class StrictJsonCustomizerTest {

    record Body(String name, List<String> tags, int count) {
    }

    private final ObjectMapper mapper = strict();

    @Test
    void aNulCharacterInAnyTextIsRefusedWithoutEchoingIt() {
        var e = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"name\":\"a\\u0000b\",\"tags\":[],\"count\":1}", Body.class));
        assertFalse(e.getMessage().contains("a\u0000b"));
        assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"name\":\"a\",\"tags\":[\"x\\u0000\"],\"count\":1}", Body.class));
    }

    @Test
    void ordinaryTextIncludingUnicodeAndControlWhitespaceIsKept() throws Exception {
        Body body = mapper.readValue("{\"name\":\"Nguyễn\\tThị\\n\\u202e\",\"tags\":[\"Hà Nội\"],\"count\":2}",
                Body.class);
        assertEquals("Nguyễn\tThị\n\u202e", body.name());
        assertEquals(List.of("Hà Nội"), body.tags());
    }

    @Test
    void numbersAndBooleansAreNotTextAndTextIsNotANumber() {
        assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"name\":12,\"tags\":[],\"count\":1}", Body.class));
        assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"name\":\"a\",\"tags\":[],\"count\":\"1\"}", Body.class));
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }
}
