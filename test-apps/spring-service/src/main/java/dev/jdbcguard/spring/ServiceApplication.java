package dev.jdbcguard.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order service as a framework user writes one: Spring Boot's defaults everywhere
 * (HikariCP with no option set, Connector/J, Hibernate), the database given on the command line:
 * {@code java -jar spring-service.jar --spring.datasource.url=... --spring.datasource.username=...}.
 */
@SpringBootApplication
public class ServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServiceApplication.class, args);
    }
}
