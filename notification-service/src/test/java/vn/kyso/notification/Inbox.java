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
}
