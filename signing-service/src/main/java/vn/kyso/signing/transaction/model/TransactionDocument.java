package vn.kyso.signing.transaction.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import vn.kyso.sdk.crypto.Ades;

/** The bytes of a whole-document item: the original the subscriber views, and the signed result. */
@Entity
@Table(name = "transaction_document")
public class TransactionDocument {

    @Id
    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    /** Null once the subscriber deleted the document (its transaction stays in the history). */
    public byte[] original;

    public byte[] signed;

    @Column(name = "appearance_page")
    public Integer appearancePage;

    @Column(name = "appearance_x")
    public Float appearanceX;

    @Column(name = "appearance_y")
    public Float appearanceY;

    @Column(name = "appearance_width")
    public Float appearanceWidth;

    @Column(name = "appearance_height")
    public Float appearanceHeight;

    @Column(name = "appearance_field")
    public String appearanceField;

    /** Where the visible signature goes, or null for an invisible one. */
    public Ades.Appearance appearance() {
        if (appearanceField != null) {
            return new Ades.Appearance(0, 0, 0, 0, 0, appearanceField, null);
        }
        return appearancePage == null ? null : new Ades.Appearance(appearancePage, appearanceX, appearanceY,
                appearanceWidth, appearanceHeight, null, null);
    }

    public void appearance(Ades.Appearance appearance) {
        if (appearance == null) {
            return;
        }
        if (appearance.field() != null) {
            appearanceField = appearance.field();
            return;
        }
        appearancePage = appearance.page();
        appearanceX = appearance.x();
        appearanceY = appearance.y();
        appearanceWidth = appearance.width();
        appearanceHeight = appearance.height();
    }
}
