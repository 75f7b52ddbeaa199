package dev.jdbcguard.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "orders")
public class Order {

    @Id
    private String id;

    private String via;

    protected Order() {
    }

    Order(String id, String via) {
        this.id = id;
        this.via = via;
    }

    public String getId() {
        return id;
    }

    public String getVia() {
        return via;
    }
}
