package vn.kyso.notification;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The mails GreenMail holds for one address whose subject contains a text. */
final class Inbox {

    private Inbox() {
    }

    static List<MimeMessage> mails(GreenMail greenMail, String email, String subject) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(email)) && m.getSubject().contains(subject);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The mail's text as a reader sees it: every text part, decoded. */
    static String text(jakarta.mail.Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    all.append(text(multipart.getBodyPart(i))).append('\n');
                }
                return all.toString();
            }
            return "";
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
