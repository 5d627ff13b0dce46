package vn.kyso.signing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.commons.crypto.TsaClient;
import vn.kyso.signing.crypto.TimeStamps;

/** The TSA that lifts PDF signatures to PAdES B-T, when one is configured. */
@Singleton
public class TimeStampsProducer {

    @Produces
    @Singleton
    TimeStamps timeStamps(SigningConfig config) {
        return config.tsaUrl().<TimeStamps>map(url -> {
            TsaClient client = new TsaClient(url, config.tsaTimeout());
            return (hashOid, imprint) -> client.tokenForImprint(hashOid, imprint, null);
        }).orElse(TimeStamps.NONE);
    }
}
