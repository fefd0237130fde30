package uk.nhs.mhe.indicator.catalogue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The indicator catalogue, kept as data in {@code catalogue.json} next to this class's package. */
@ApplicationScoped
public class Catalogue {

    public static final String MHA_DETENTION_RATE = "mha-detention-rate";

    private final Map<String, Indicator> indicators = new LinkedHashMap<>();

    public Catalogue(ObjectMapper mapper) {
        try (InputStream in = Catalogue.class.getResourceAsStream("/uk/nhs/mhe/indicator/catalogue.json")) {
            List<Indicator> list = mapper.readValue(in, new TypeReference<>() {
            });
            list.forEach(i -> indicators.put(i.id(), i));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the indicator catalogue", e);
        }
    }

    public List<Indicator> all() {
        return List.copyOf(indicators.values());
    }

    public Optional<Indicator> find(String id) {
        return Optional.ofNullable(indicators.get(id));
    }
}
