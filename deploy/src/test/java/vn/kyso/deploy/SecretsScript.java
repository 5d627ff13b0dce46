package vn.kyso.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Secrets and ConfigMaps deploy/k8s/create-secrets.sh makes, with their keys, read from the script itself. */
record SecretsScript(Map<String, Set<String>> secrets, Map<String, Set<String>> configMaps) {

    static final Path SCRIPT = ServiceModule.ROOT.resolve("deploy/k8s/create-secrets.sh");

    static SecretsScript read() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Map<String, Set<String>> configMaps = new LinkedHashMap<>();
        Pattern make = Pattern.compile("^\\s*make_(secret|configmap) (\\S+) (.+)$");
        Pattern roles = Pattern.compile("^for role in ([a-z ]+); do make_db_secret");
        Pattern fromDirectory = Pattern.compile("^\\s*emit secret (\\S+) generic \\S+ --from-file=");
        for (String line : ServiceModule.read(SCRIPT).lines().toList()) {
            Matcher m = make.matcher(line);
            if (m.matches()) {
                var into = m.group(1).equals("secret") ? secrets : configMaps;
                Set<String> keys = into.computeIfAbsent(m.group(2), k -> new LinkedHashSet<>());
                for (String kv : m.group(3).split(" ")) {
                    keys.add(kv.substring(0, kv.indexOf('=')));
                }
                continue;
            }
            m = roles.matcher(line);
            if (m.find()) {
                for (String role : m.group(1).split(" ")) {
                    secrets.put("kyso-db-" + role, Set.of("username", "password"));
                }
                continue;
            }
            m = fromDirectory.matcher(line);
            if (m.find()) {
                // Keys are the files of the HSM vendor's client directory: any key may be mounted.
                secrets.put(m.group(1), Set.of("*"));
            }
        }
        return new SecretsScript(secrets, configMaps);
    }
}
