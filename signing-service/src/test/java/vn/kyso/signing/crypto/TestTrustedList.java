package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * A trusted list in the shape of ETSI TS 119 612 v2 (TSL version 5): one scheme operator, one trust service provider
 * whose CA/QC services carry the given certificates with a status, written here as the standard lays it out.
 */
public final class TestTrustedList {

    public static final String GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";

    private TestTrustedList() {
    }

    /** One service of the provider: a CA certificate and its status since {@code since}. */
    public record Service(X509Certificate certificate, String status, Instant since) {
    }

    public static byte[] xml(List<Service> services, Instant issued, Instant nextUpdate) {
        StringBuilder tsp = new StringBuilder();
        for (Service s : services) {
            tsp.append("<tsl:TSPService><tsl:ServiceInformation>"
                    + "<tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</tsl:ServiceTypeIdentifier>"
                    + "<tsl:ServiceName><tsl:Name xml:lang=\"en\">")
                    .append(s.certificate().getSubjectX500Principal().getName().replace("&", "&amp;")
                            .replace("<", "&lt;"))
                    .append("</tsl:Name></tsl:ServiceName><tsl:ServiceDigitalIdentity><tsl:DigitalId>"
                            + "<tsl:X509Certificate>").append(base64(s.certificate()))
                    .append("</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity><tsl:ServiceStatus>")
                    .append(s.status()).append("</tsl:ServiceStatus><tsl:StatusStartingTime>").append(time(s.since()))
                    .append("</tsl:StatusStartingTime></tsl:ServiceInformation></tsl:TSPService>");
        }
        String address = "<tsl:PostalAddresses><tsl:PostalAddress xml:lang=\"en\"><tsl:StreetAddress>1 Test Street"
                + "</tsl:StreetAddress><tsl:Locality>Ha Noi</tsl:Locality><tsl:CountryName>VN</tsl:CountryName>"
                + "</tsl:PostalAddress></tsl:PostalAddresses><tsl:ElectronicAddress><tsl:URI xml:lang=\"en\">"
                + "mailto:tl@kyso.test</tsl:URI></tsl:ElectronicAddress>";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\" Id=\"TrustServiceStatusList\""
                + " TSLTag=\"http://uri.etsi.org/19612/TSLTag\"><tsl:SchemeInformation>"
                + "<tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier><tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber>"
                + "<tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</tsl:TSLType>"
                + "<tsl:SchemeOperatorName><tsl:Name xml:lang=\"en\">Kyso Test Scheme Operator</tsl:Name>"
                + "</tsl:SchemeOperatorName><tsl:SchemeOperatorAddress>" + address + "</tsl:SchemeOperatorAddress>"
                + "<tsl:SchemeName><tsl:Name xml:lang=\"en\">VN: Test trusted list</tsl:Name></tsl:SchemeName>"
                + "<tsl:SchemeInformationURI><tsl:URI xml:lang=\"en\">https://tl.kyso.test/</tsl:URI>"
                + "</tsl:SchemeInformationURI>"
                + "<tsl:StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate"
                + "</tsl:StatusDeterminationApproach><tsl:SchemeTerritory>VN</tsl:SchemeTerritory>"
                + "<tsl:HistoricalInformationPeriod>65535</tsl:HistoricalInformationPeriod>"
                + "<tsl:ListIssueDateTime>" + time(issued) + "</tsl:ListIssueDateTime>"
                + "<tsl:NextUpdate><tsl:dateTime>" + time(nextUpdate) + "</tsl:dateTime></tsl:NextUpdate>"
                + "</tsl:SchemeInformation><tsl:TrustServiceProviderList><tsl:TrustServiceProvider>"
                + "<tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang=\"en\">Kyso Test CA</tsl:Name></tsl:TSPName>"
                + "<tsl:TSPAddress>" + address + "</tsl:TSPAddress><tsl:TSPInformationURI><tsl:URI xml:lang=\"en\">"
                + "https://ca.kyso.test/</tsl:URI></tsl:TSPInformationURI></tsl:TSPInformation><tsl:TSPServices>"
                + tsp + "</tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList>"
                + "</tsl:TrustServiceStatusList>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String base64(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
