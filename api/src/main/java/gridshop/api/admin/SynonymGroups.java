package gridshop.api.admin;

import gridshop.api.platform.Limits;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The shop's synonym groups, as a merchant puts them and as they are read back: each group is 2 or more single words
 * a search treats as one ({@code [["sofa","couch"]]}). Read back in search form (lower case, duplicates dropped).
 */
@Serdeable
public record SynonymGroups(@NotNull @Size(max = Limits.MAX_SYNONYM_GROUPS)
                            List<@NotNull @Size(min = 2, max = Limits.MAX_SYNONYM_WORDS)
                                List<@NotBlank @Size(max = Limits.MAX_SYNONYM_WORD) String>> groups) {
}
