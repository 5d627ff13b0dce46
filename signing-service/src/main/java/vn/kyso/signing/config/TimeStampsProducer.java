package vn.kyso.signing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.sdk.crypto.Fetcher;
import vn.kyso.sdk.crypto.HttpFetcher;
import vn.kyso.sdk.crypto.TimeStamps;
import vn.kyso.commons.crypto.TsaClient;

/** The TSA that lifts signatures to B-T, when one is configured, and the HTTP client the long-term levels fetch with. */
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

    @Produces
    @Singleton
    Fetcher fetcher() {
        return new HttpFetcher();
    }
}
