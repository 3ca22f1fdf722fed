package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.events.FileLocation;
import org.junit.jupiter.api.Test;

class ScanScopeTest {

    private static FileLocation at(String path) {
        return new FileLocation("family", path);
    }

    @Test
    void aFolderScopeContainsItsFilesAndWhenRecursiveItsSubFolders() {
        ScanScope flat = new ScanScope("family", "2019/", false);
        ScanScope deep = new ScanScope("family", "2019", true);

        assertThat(flat.folder()).isEqualTo("2019");
        assertThat(flat.contains(at("2019/a.jpg"))).isTrue();
        assertThat(flat.contains(at("2019/12/a.jpg"))).isFalse();
        assertThat(deep.contains(at("2019/12/a.jpg"))).isTrue();
        assertThat(deep.contains(at("2019x/a.jpg"))).isFalse();
        assertThat(deep.contains(new FileLocation("travel", "2019/a.jpg"))).isFalse();
        assertThat(new ScanScope("family", "", false).contains(at("a.jpg"))).isTrue();
        assertThat(new ScanScope("family", "", false).contains(at("2019/a.jpg"))).isFalse();
    }

    @Test
    void onlyTheRecursiveScopeOfTheRootIsAWholeRootScan() {
        assertThat(ScanScope.wholeRoot("family").isWholeRoot()).isTrue();
        assertThat(new ScanScope("family", "", false).isWholeRoot()).isFalse();
        assertThat(new ScanScope("family", "2019", true).isWholeRoot()).isFalse();
    }

    @Test
    void aWiderScopeCoversANarrowerOne() {
        assertThat(ScanScope.wholeRoot("family").covers(new ScanScope("family", "2019", false))).isTrue();
        assertThat(new ScanScope("family", "2019", true).covers(new ScanScope("family", "2019/12", true))).isTrue();
        assertThat(new ScanScope("family", "2019", false).covers(new ScanScope("family", "2019/12", false))).isFalse();
        assertThat(new ScanScope("family", "2019", false).covers(new ScanScope("family", "2019", true))).isFalse();
        assertThat(ScanScope.wholeRoot("family").covers(ScanScope.wholeRoot("travel"))).isFalse();
    }

    @Test
    void aFolderOutsideItsRootIsRefused() {
        assertThatThrownBy(() -> new ScanScope("family", "../etc", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScanScope("family", "2019/../../x", true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScanScope("family", "a\\b", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
