package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.signing.integrator.neac.NeacMessages;
import vn.kyso.signing.integrator.service.LenientMessages;
import vn.kyso.signing.integrator.sp769.Sp769Messages;

/** The contract records read bodies as SmartCA-style clients send them: wrong shapes become absent, never errors. */
class LenientMessagesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final LenientMessages messages = new LenientMessages(json);

    @Test
    void scalarsOfAnotherTypeAreTheirTextAndWrongShapesAreAbsent() throws Exception {
        Sp769Messages.SignRequest request = messages.read(json.readTree("""
                {"sp_id": 42, "sp_password": true, "user_id": {"nested": 1}, "transaction_id": [1, 2],
                 "unknown": "ignored", "sign_files": [{"data_to_be_signed": "ab", "doc_id": 7}, "text", 3, null]}
                """), Sp769Messages.SignRequest.class);
        assertEquals("42", request.spId());
        assertEquals("true", request.spPassword());
        assertNull(request.userId());
        assertNull(request.transactionId());
        assertEquals(4, request.signFiles().size());
        assertEquals("ab", request.signFiles().get(0).dataToBeSigned());
        assertEquals("7", request.signFiles().get(0).docId());
        assertNull(request.signFiles().get(1));
        assertNull(request.signFiles().get(2));
        assertNull(request.signFiles().get(3));
        assertNull(messages.read(json.readTree("{\"sign_files\": \"none\"}"), Sp769Messages.SignRequest.class)
                .signFiles());
    }

    @Test
    void neacFileOptionsAndTheFlatSynonymAreBothRead() throws Exception {
        NeacMessages.SignRequest request = messages.read(json.readTree("""
                {"sign_files": [{"data_to_be_signed": "ab", "file_options": {"sign_type": "hash"}},
                                {"data_to_be_signed": "cd", "sign_type": "hash", "file_options": "pdf"}]}
                """), NeacMessages.SignRequest.class);
        assertEquals("hash", request.signFiles().get(0).fileOptions().signType());
        assertNull(request.signFiles().get(1).fileOptions());
        assertEquals("hash", request.signFiles().get(1).signType());
        assertEquals(List.of("ab", "cd"), request.signFiles().stream().map(NeacMessages.SignFile::dataToBeSigned)
                .toList());
    }
}
