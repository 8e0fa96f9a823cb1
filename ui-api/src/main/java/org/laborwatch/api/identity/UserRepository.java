package org.laborwatch.api.identity;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;

/**
 * Users in Elasticsearch, one document per username. Changes are written with the version they were read at, so
 * two admins changing one user at once never lose a write: the second is told to try again.
 */
@Singleton
class UserRepository {
    private final ElasticsearchClient es;
    private final String index;

    UserRepository(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.usersIndex();
    }

    /** A user and the version it was read at. */
    record Versioned(User user, long seqNo, long primaryTerm) {
    }

    Optional<Versioned> find(String username) throws IOException {
        try {
            GetResponse<User> got = es.get(g -> g.index(index).id(username), User.class);
            if (!got.found() || got.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Versioned(got.source(), got.seqNo(), got.primaryTerm()));
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty(); // no users index yet
            }
            throw e;
        }
    }

    /** Adds a user; false when the username is taken. */
    boolean create(User user) throws IOException {
        try {
            es.create(c -> c.index(index).id(user.username()).document(user).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces a user read at {@code read}; false when someone changed it since. */
    boolean replace(Versioned read, User changed) throws IOException {
        try {
            es.index(i -> i.index(index).id(changed.username()).document(changed)
                    .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm()).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    List<User> all() throws IOException {
        try {
            return es.search(s -> s.index(index).size(10_000)
                            .sort(o -> o.field(f -> f.field("username").order(SortOrder.Asc))), User.class)
                    .hits().hits().stream().map(Hit::source).toList();
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return List.of();
            }
            throw e;
        }
    }
}
