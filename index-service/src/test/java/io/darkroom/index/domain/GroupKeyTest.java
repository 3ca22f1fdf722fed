package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupKeyTest {

    @ParameterizedTest(name = "{0} stacks with {1}")
    @CsvSource({
        "2019/IMG_1234.HEIC, 2019/IMG_1234.MOV",
        "2019/IMG_1234.JPG, 2019/IMG_E1234.JPG",
        "raw/DSC_0001.NEF, raw/DSC_0001.JPG",
        "raw/DSC_0001.NEF, raw/DSC_0001.NEF.xmp",
        "a/IMG_1.jpg, a/IMG_1.jpg.json",
        "a/IMG_1.jpg, a/IMG_1.AAE"})
    void filesOfOneShotShareAKey(String one, String other) {
        assertThat(GroupKey.of("family", one)).isEqualTo(GroupKey.of("family", other));
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource({
        "2019/IMG_1234.JPG, 2020/IMG_1234.JPG",
        "2019/IMG_1234.JPG, 2019/IMG_1235.JPG",
        "2019/IMG_E1234.JPG, 2019/IMG_EX1234.JPG"})
    void differentShotsDoNot(String one, String other) {
        assertThat(GroupKey.of("family", one)).isNotEqualTo(GroupKey.of("family", other));
    }
}
