package dev.jdbcguard.compat.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the transaction table, mapped with JPA annotations. */
@Entity
@Table(name = "compat_tx")
public class CompatRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String run;

    private String step;

    protected CompatRow() {
    }

    public CompatRow(String run, String step) {
        this.run = run;
        this.step = step;
    }

    public Long getId() {
        return id;
    }
}
