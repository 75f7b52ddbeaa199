package dev.jdbcguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlMaskTest {

    @Test
    void userInfoPasswordIsMaskedAndUserKept() {
        String masked = UrlMask.mask("jdbc:mysql://user:s3cr3t@host:3306/db");

        assertThat(masked).isEqualTo("jdbc:mysql://user:***@host:3306/db");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void passwordQueryParameterIsMaskedAndOtherParametersKept() {
        String masked = UrlMask.mask("jdbc:mysql://host:3306/db?user=a&password=s3cr3t&x=1");

        assertThat(masked).isEqualTo("jdbc:mysql://host:3306/db?user=a&password=***&x=1");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void passwordAsFirstQueryParameterIsMasked() {
        String masked = UrlMask.mask("jdbc:mariadb://host/db?password=s3cr3t&user=a");

        assertThat(masked).isEqualTo("jdbc:mariadb://host/db?password=***&user=a");
    }

    @Test
    void keysThatContainPasswordAreMasked() {
        String masked = UrlMask.mask("jdbc:mysql://host/db?trustCertificateKeyStorePassword=s3cr3t&useSSL=true");

        assertThat(masked).isEqualTo("jdbc:mysql://host/db?trustCertificateKeyStorePassword=***&useSSL=true");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void anyKeyContainingPasswordIsMasked_evenNonSecretOnes() {
        // The regex masks by key name, so a harmless key such as passwordCharacterEncoding is masked too.
        String masked = UrlMask.mask("jdbc:mysql://host/db?passwordCharacterEncoding=UTF-8&x=1");

        assertThat(masked).isEqualTo("jdbc:mysql://host/db?passwordCharacterEncoding=***&x=1");
    }

    @Test
    void keyValueHostFormPasswordIsMasked() {
        String masked = UrlMask.mask("jdbc:mysql://(host=h,port=3306,user=u,password=s3cr3t)/db");

        assertThat(masked).isEqualTo("jdbc:mysql://(host=h,port=3306,user=u,password=***)/db");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void urlWithoutSecretsIsUnchanged() {
        String url = "jdbc:mysql://user@host:3306/db?useSSL=false&connectTimeout=1000";

        assertThat(UrlMask.mask(url)).isEqualTo(url);
    }

    @Test
    void nullIsUnknown() {
        assertThat(UrlMask.mask(null)).isEqualTo("unknown");
    }
}
