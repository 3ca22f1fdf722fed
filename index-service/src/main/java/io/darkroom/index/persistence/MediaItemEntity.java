package io.darkroom.index.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One original at one location: {@code media_item} (schema in {@code db/migration/V1__catalog.sql}).
 *
 * <p>{@link DynamicUpdate}: an UPDATE writes only the columns this transaction changed. Several consumers write one
 * row at once from their own snapshots (a file batch re-arranging a stack, the thumbnail and transcode results); a
 * full-row UPDATE would write back the other's columns as it had read them, e.g. a RAW's {@code thumbnail_status}
 * DONE back to PENDING for good when its JPEG joined the stack meanwhile.
 */
@Entity
@DynamicUpdate
@Table(name = "media_item")
public class MediaItemEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String root;

    @Column(name = "relative_path")
    public String relativePath;

    /** SHA-256 of {@code root:relativePath}, see {@link LocationHash}. */
    @Column(name = "location_hash")
    public byte[] locationHash;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    /** {@link io.darkroom.index.domain.ItemStatus}. */
    public String status;

    /** {@link io.darkroom.events.MediaKind}. */
    public String kind;

    @Column(name = "mime_type")
    public String mimeType;

    public Integer width;

    public Integer height;

    public Integer orientation;

    @Column(name = "taken_at")
    public Instant takenAt;

    /** {@link io.darkroom.index.domain.TakenAtSource}. */
    @Column(name = "taken_at_source")
    public String takenAtSource;

    @Column(name = "duration_ms")
    public Long durationMs;

    // ---------------------------------------------------------------- V2: normalised metadata

    /** The offset the file states for {@link #takenAt}, e.g. {@code +01:00}; null when unknown. */
    @Column(name = "taken_at_zone")
    public String takenAtZone;

    /** SHA-256 of {@code root:folder}, see {@link LocationHash#folder}. */
    @Column(name = "folder_hash")
    public byte[] folderHash;

    @Column(name = "camera_make")
    public String cameraMake;

    @Column(name = "camera_model")
    public String cameraModel;

    public String lens;

    @Column(name = "exposure_s")
    public Double exposureSeconds;

    @Column(name = "f_number")
    public java.math.BigDecimal fNumber;

    public Integer iso;

    @Column(name = "focal_length_mm")
    public java.math.BigDecimal focalLengthMm;

    @Column(name = "gps_lat")
    public java.math.BigDecimal gpsLat;

    @Column(name = "gps_lng")
    public java.math.BigDecimal gpsLng;

    @Column(name = "gps_alt")
    public java.math.BigDecimal gpsAlt;

    @Column(name = "video_codec")
    public String videoCodec;

    @Column(name = "audio_codec")
    public String audioCodec;

    public java.math.BigDecimal fps;

    public Integer rotation;

    public String title;

    public String description;

    /** One keyword per line. */
    public String keywords;

    public Integer rating;

    @Column(name = "content_identifier")
    public String contentIdentifier;

    /** {@link io.darkroom.index.domain.GroupKey}: the stack the item belongs to. */
    @Column(name = "group_key")
    public String groupKey;

    /** Whether the item stands for its stack in the timeline ({@link io.darkroom.index.domain.Stacks}). */
    @Column(name = "stack_primary")
    public boolean stackPrimary = true;

    /** Set by the family through the gateway ({@link io.darkroom.events.ItemMarkRequested}); survives moves. */
    @Column(name = "favourite")
    public boolean favourite;

    /** Out of the timeline, kept with its albums and marks ({@link io.darkroom.events.ItemMarkRequested}). */
    @Column(name = "archived")
    public boolean archived;

    @Column(name = "failure_stage")
    public String failureStage;

    @Column(name = "failure_kind")
    public String failureKind;

    @Column(name = "failure_reason")
    public String failureReason;

    /** {@link io.darkroom.index.domain.StageStatus}; null when the stage does not apply. */
    @Column(name = "thumbnail_status")
    public String thumbnailStatus;

    @Column(name = "transcode_status")
    public String transcodeStatus;

    @Column(name = "transcode_path")
    public String transcodePath;

    /** occurredAt of the newest file event applied. */
    @Column(name = "last_event_at")
    public Instant lastEventAt;
}
