package vn.kyso.commons.crypto.custody;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;


/** Lets BouncyCastle's builders sign through key custody, so the CA's private key never leaves it. One use each. */
public final class CustodyContentSigner implements ContentSigner {

    private final KeySigner signer;
    private final String algorithm;
    private final AlgorithmIdentifier identifier;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    public CustodyContentSigner(KeySigner signer, String algorithm) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return identifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        return signer.sign(algorithm, buffer.toByteArray());
    }
}
