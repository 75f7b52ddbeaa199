package dev.jdbcguard.spring;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each POST carries the caller's id, so a test can count on the server what reached it: an
 * answer of 200 can hide a lost write, and a 500 can hide one that happened. The table is the
 * deployment's: {@code CREATE TABLE orders (id CHAR(36) PRIMARY KEY, via VARCHAR(8) NOT NULL,
 * created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))}.
 */
@RestController
public class Orders {

    private final JdbcTemplate jdbc;
    private final OrderRepository repository;

    public Orders(JdbcTemplate jdbc, OrderRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /** JdbcTemplate: one autocommit insert. */
    @PostMapping("/orders")
    public String insert(@RequestParam("id") String id) {
        jdbc.update("INSERT INTO orders (id, via) VALUES (?, 'jdbc')", id);
        return id;
    }

    /** Spring Data JPA (Hibernate): a transaction with a select (merge of an assigned id) and an insert. */
    @PostMapping("/jpa/orders")
    public String insertJpa(@RequestParam("id") String id) {
        repository.save(new Order(id, "jpa"));
        return id;
    }

    @GetMapping("/orders/count")
    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
        return count == null ? 0 : count;
    }
}
