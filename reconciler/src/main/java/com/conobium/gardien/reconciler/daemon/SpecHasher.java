package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Digests a server's desired state into a {@link SpecKey} that stays the same across restarts: the
 * spec and fleet settings as canonical JSON (properties and map keys sorted), hashed with SHA-256.
 */
final class SpecHasher {
  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  SpecKey key(ServerSpec spec, FleetSpec fleet) {
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("fleet", fleet);
    both.put("spec", spec);
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(both);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not digest the desired state: " + e.getMessage(), e);
    }
    try {
      return new SpecKey(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
