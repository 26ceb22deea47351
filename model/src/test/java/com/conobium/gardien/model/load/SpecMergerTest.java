package com.conobium.gardien.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The merge rules: maps merge deeply, lists replace, explicit null removes. */
class SpecMergerTest {
  private final ObjectMapper yaml = new YAMLMapper();
  private final SpecMerger merger = new SpecMerger();

  private ObjectNode y(String text) throws Exception {
    return (ObjectNode) yaml.readTree(text);
  }

  @Test
  void mapsMergeDeeply() throws Exception {
    ObjectNode merged = merger.merge(y("ssh: {port: 2222, permitRootLogin: false}\ntime: {timezone: UTC}"),
        y("ssh: {allowFrom: [198.18.0.0/15]}"));
    assertThat(merged).isEqualTo(y("ssh: {port: 2222, permitRootLogin: false, allowFrom: [198.18.0.0/15]}\ntime: {timezone: UTC}"));
  }

  @Test
  void theMoreSpecificValueWins() throws Exception {
    assertThat(merger.merge(y("ssh: {port: 2222}"), y("ssh: {port: 2200}"))).isEqualTo(y("ssh: {port: 2200}"));
  }

  @Test
  void listsReplaceAsAWhole() throws Exception {
    ObjectNode merged = merger.merge(y("firewall: {ports: [{port: 80}, {port: 443}]}"),
        y("firewall: {ports: [{port: 8443}]}"));
    assertThat(merged).isEqualTo(y("firewall: {ports: [{port: 8443}]}"));
  }

  @Test
  void explicitNullRemovesSoTheDefaultApplies() throws Exception {
    ObjectNode merged = merger.merge(y("ssh: {port: 2222, allowFrom: [198.18.0.0/15]}\nbackup: {time: '01:00'}"),
        y("ssh: {allowFrom: null}\nbackup: null"));
    assertThat(merged).isEqualTo(y("ssh: {port: 2222}"));
  }

  @Test
  void nullsInsideANewMappingAreDroppedToo() throws Exception {
    assertThat(merger.merge(y("{}"), y("ssh: {port: null, allowFrom: []}"))).isEqualTo(y("ssh: {allowFrom: []}"));
  }

  @Test
  void aMappingReplacesAScalarAndAScalarReplacesAMapping() throws Exception {
    assertThat(merger.merge(y("a: 1"), y("a: {b: 2}"))).isEqualTo(y("a: {b: 2}"));
    assertThat(merger.merge(y("a: {b: 2}"), y("a: 1"))).isEqualTo(y("a: 1"));
  }

  @Test
  void inputsAreNotChanged() throws Exception {
    ObjectNode base = y("ssh: {port: 2222}");
    ObjectNode over = y("ssh: {port: null}");
    merger.merge(base, over);
    assertThat(base).isEqualTo(y("ssh: {port: 2222}"));
    assertThat(over).isEqualTo(y("ssh: {port: null}"));
  }
}
